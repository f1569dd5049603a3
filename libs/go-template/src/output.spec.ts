import { TemplateError } from './errors';
import { Output, OutputLimitError } from './output';
import { TemplateSet } from './template-set';

describe('Output', () => {
  it('joins what was written, across many blocks', () => {
    const out = new Output();
    for (let i = 0; i < 10_000; i++) out.write(String(i % 10));
    expect(out.text()).toHaveLength(10_000);
    expect(out.text().slice(0, 12)).toBe('012345678901');
  });

  it('fails as soon as the output passes its limit', () => {
    const out = new Output(5);
    out.write('abcde');
    expect(() => out.write('f')).toThrow(OutputLimitError);
  });
});

describe('TemplateSet maxOutput', () => {
  it('stops a runaway range while it writes, naming the template, position and limit', () => {
    const set = new TemplateSet({ maxOutput: 1000 }).parse('loop', 'a\n{{ range $i := . }}{{ $i }}{{ end }}');
    const err = (() => {
      try {
        set.execute(
          'loop',
          Array.from({ length: 10_000 }, (_, i) => BigInt(i)),
        );
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a TemplateError');
    })();
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toMatch(/^template: loop:2:\d+: executing "loop" at <{{\$i}}>: output exceeds the limit of 1000 characters$/);
  });

  it('counts nested {{template}} output against the same limit, and is unbounded by default', () => {
    const src = '{{ define "x" }}0123456789{{ end }}{{ range . }}{{ template "x" }}{{ end }}';
    expect(() => new TemplateSet({ maxOutput: 95 }).parse('t', src).execute('t', Array(10).fill(1))).toThrow(/limit of 95 characters/);
    expect(new TemplateSet().parse('t', src).execute('t', Array(10).fill(1))).toHaveLength(100);
  });
});
