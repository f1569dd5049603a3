import { JsonLinesOracle } from '../../json-lines-oracle';

/** How the oracle reads a text: one document (YAMLToJSON) or a `---` stream (YAMLReader, then YAMLToJSON each). */
export type ReadMode = 'doc' | 'stream';

/** The oracle's answer: the documents as JSON values, or Go's error. */
export type GoAnswer = { docs: unknown[] } | { error: string };

/**
 * The Go YAML oracle (`oracles/yaml`), one long-running process answering one JSON line per request, in order.
 * Requests are pipelined: a batch is written at once and its answers are read as they come.
 */
export class YamlOracle {
  private readonly oracle = new JsonLinesOracle<{ mode: ReadMode; text: string }, GoAnswer>('yaml');

  /** Reads each text in its mode, as Go does. */
  async read(requests: readonly { mode: ReadMode; text: string }[]): Promise<GoAnswer[]> {
    const answers = await Promise.all(requests.map((r) => this.oracle.ask(r)));
    // Go leaves out an empty list of documents.
    return answers.map((a) => ('error' in a ? a : { docs: a.docs ?? [] }));
  }

  close(): void {
    this.oracle.close();
  }
}
