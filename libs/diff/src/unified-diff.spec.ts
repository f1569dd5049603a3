import { unifiedDiff } from './index';

describe('unifiedDiff', () => {
  it('prints diff -u hunks with three lines of context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i', 'j', 'k'].join('\n') + '\n';
    expect(unifiedDiff(before, after, 'live', 'desired')).toBe(
      ['--- live', '+++ desired', '@@ -2,9 +2,10 @@', ' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h', ' i', ' j', '+k', ''].join('\n'),
    );
  });

  it('is empty for equal texts and all additions from nothing', () => {
    expect(unifiedDiff('x\n', 'x\n', 'a', 'b')).toBe('');
    expect(unifiedDiff('', 'x\ny\n', '/dev/null', 'b')).toBe('--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n');
  });
});
