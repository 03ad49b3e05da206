import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * A simple estimate of Linear's query complexity: each scalar field 0.1 point, each object 1 point,
 * and a connection multiplies its contents by its `first` argument (50 when absent).
 */
export function estimateComplexity(schema: GraphQLSchema, doc: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const op = doc.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) return 0;
  const root = op.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;

  const intValue = (v: ValueNode | undefined): number | null => {
    if (!v) return null;
    if (v.kind === Kind.INT) return Number(v.value);
    if (v.kind === Kind.VARIABLE) {
      const x = variables[v.name.value];
      return typeof x === 'number' ? x : null;
    }
    return null;
  };

  const walk = (set: SelectionSetNode, type: GraphQLCompositeType): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += walk(sel.selectionSet, type);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (frag) total += walk(frag.selectionSet, type);
        continue;
      }
      if (sel.name.value.startsWith('__')) continue;
      const fields = isObjectType(type) ? type.getFields() : {};
      const field = fields[sel.name.value];
      if (!field) continue;
      const named = getNamedType(field.type);
      if (!sel.selectionSet || !isCompositeType(named)) {
        total += 0.1;
        continue;
      }
      const inner = walk(sel.selectionSet, named);
      if (named.name.endsWith('Connection')) {
        const first = intValue(sel.arguments?.find((a) => a.name.value === 'first')?.value) ?? 50;
        total += 1 + first * inner;
      } else if (named.name === 'PageInfo' || named.name.endsWith('Payload')) {
        total += inner;
      } else {
        total += 1 + inner;
      }
    }
    return total;
  };
  // `nodes { ... }` is accounted for by the connection multiplier, not as an extra object.
  return Math.max(1, Math.round(walk(op.selectionSet, root)));
}
