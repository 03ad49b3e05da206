/** §3 Cross-session: the comment on the master plan issue that asks for human arbitration. Pure. */
export function crossSessionComment(input: { planTitle: string; branches: readonly string[]; sessions: Readonly<Record<string, string>>; files: readonly string[]; note: string; id: string }): string {
  const who = input.branches.map((b) => `**${input.sessions[b] ?? b}** (\`${b}\`)`).join(' and ');
  const files = input.files.length > 0 ? input.files.map((f) => `- \`${f}\``).join('\n') : '- (no file named: conflicting approaches)';
  return [
    `**Cross-session conflict — human arbitration required** (${input.planTitle})`,
    '',
    `${who} conflict:`,
    files,
    '',
    input.note.trim() !== '' ? `> ${input.note.replace(/\s+/g, ' ').trim()}` : null,
    input.note.trim() !== '' ? '' : null,
    'Both sessions\' merges are held in Switchyard until the resolution is recorded.',
    '',
    `[switchyard: cross-session hold ${input.id}]`,
  ]
    .filter((l): l is string => l !== null)
    .join('\n');
}
