import fc from 'fast-check';
import type { ReadMode } from './oracle';
import { Renderer } from './render';
import { documentTree } from './tree';

/** One fuzz case: a YAML text and how it is read (one document, or a `---` stream). */
export interface YamlCase {
  mode: ReadMode;
  text: string;
}

const SEPARATORS = ['---', '---', '--- # next', '---  '];
const MUTATION_CHARS = [':', '-', '#', '[', ']', '{', '}', ',', '"', "'", '\t', ' ', '  ', '\n', '&', '*', '!', '|', '>', '?', '\\', '%', '...'];

/** An edit to the rendered text, so that some cases are nearly valid YAML: at a fraction of its length. */
const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  op: fc.constantFrom('insert', 'delete', 'indent', 'dedent', 'duplicate-line'),
  char: fc.constantFrom(...MUTATION_CHARS),
});

type Mutation = { at: number; op: string; char: string };

function mutate(text: string, m: Mutation): string {
  const i = Math.floor(m.at * text.length);
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  const lineEnd = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
  switch (m.op) {
    case 'insert':
      return text.slice(0, i) + m.char + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + 1);
    case 'indent':
      return `${text.slice(0, lineStart)} ${text.slice(lineStart)}`;
    case 'dedent':
      return text[lineStart] === ' ' ? text.slice(0, lineStart) + text.slice(lineStart + 1) : text;
    default:
      return `${text.slice(0, lineEnd)}\n${text.slice(lineStart, lineEnd)}${text.slice(lineEnd)}`;
  }
}

/** Random YAML cases: 1 to 3 documents at an indentation width of 1 to 4, with comments, sometimes mutated. */
export const yamlCase: fc.Arbitrary<YamlCase> = fc
  .record({
    docs: fc.array(documentTree, { minLength: 1, maxLength: 3 }),
    width: fc.integer({ min: 1, max: 4 }),
    separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 3, maxLength: 3 }),
    leading: fc.constantFrom('', '', '', '', '---\n', '---\n', '# header\n', '# header\n---\n', '# header\n---\n', '---\n', '%YAML 1.1\n---\n'),
    trailing: fc.constantFrom('\n', '\n', '\n', '', '\n\n', '\n# end\n', '\n...\n'),
    crlf: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    mode: fc.constantFrom<ReadMode>('doc', 'stream', 'stream'),
    mutations: fc.oneof({ weight: 5, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) }),
  })
  .map(({ docs, width, separators, leading, trailing, crlf, mode, mutations }) => {
    const body = docs.map((d, i) => (i === 0 ? '' : `${separators[i]}\n`) + new Renderer(width).document(d)).join('\n');
    const text = (mutations as Mutation[]).reduce(mutate, leading + body + trailing);
    return { mode, text: crlf ? text.replace(/\n/g, '\r\n') : text };
  });
