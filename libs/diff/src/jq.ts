import { evalPaths } from './jq-eval';
import { parseJq, type JqAst } from './jq-parse';
import { removeAll, type JsonPath } from './json';

/** A compiled jq path expression, ready to delete what it selects from documents. */
export interface JqPathExpression {
  readonly source: string;
  readonly ast: JqAst;
}

/** Compiles a jq path expression of the supported subset; throws JqSyntaxError on bad syntax. */
export function compileJqPath(source: string): JqPathExpression {
  return { source, ast: parseJq(source) };
}

/** The paths a jq path expression selects in a document (jq's `[path(expr)]`); throws on runtime errors. */
export function jqPaths(expr: JqPathExpression, doc: unknown): JsonPath[] {
  return evalPaths(expr.ast, { value: doc, path: [] }).map((l) => l.path);
}

/**
 * Deletes what a jq path expression selects (jq's `del(expr)`), as Argo CD runs jqPathExpressions. Returns false
 * and leaves the document unchanged when the expression fails at run time, as Argo CD skips a failing patch.
 */
export function jqDelete(expr: JqPathExpression, doc: unknown): boolean {
  let paths: JsonPath[];
  try {
    paths = jqPaths(expr, doc);
  } catch {
    return false;
  }
  removeAll(doc, paths);
  return true;
}
