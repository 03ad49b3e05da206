import { describe, expect, it } from 'vitest';
import { feedbackSummary, type FeedbackItem } from './feedback';

const item = (kind: FeedbackItem['kind'], touches = 0): FeedbackItem => ({
  kind,
  author: 'r',
  body: '',
  path: null,
  url: null,
  alsoTouches: Array.from({ length: touches }, (_, i) => ({ sessionName: `s${i}`, why: 'x' })),
});

describe('feedbackSummary: the Sessions row marker from the detail’s items', () => {
  it.each([
    [[], { words: [], forPerson: 0 }],
    [[item('comment')], { words: ['1 comment'], forPerson: 0 }],
    [[item('failing-check'), item('failing-check'), item('comment'), item('comment'), item('comment')], { words: ['2 checks failing', '3 comments'], forPerson: 0 }],
    [[item('comment'), item('changes-requested'), item('failing-check')], { words: ['changes requested', '1 check failing', '1 comment'], forPerson: 0 }],
    [[item('comment', 1), item('comment', 2), item('changes-requested')], { words: ['changes requested', '2 comments'], forPerson: 2 }],
  ])('%#', (items, expected) => {
    expect(feedbackSummary(items)).toEqual(expected);
  });
});
