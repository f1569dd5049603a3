import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { InputError } from '@fjord/platform';
import { parseJson } from './body';

/**
 * Validates a request body: the raw bytes (read by the body interceptor) parsed as JSON, depth-limited, then read
 * by `reader`, which refuses unknown fields and wrong types with an InputError naming the field (400).
 */
export class JsonBodyPipe<T> implements PipeTransform<Buffer | undefined, T> {
  constructor(private readonly reader: (body: unknown) => T) {}

  transform(raw: Buffer | undefined): T {
    return this.reader(parseJson(raw ?? Buffer.alloc(0)));
  }
}

/** The one value of a query parameter; given twice, the first. */
const single = (value: unknown): string | undefined => (Array.isArray(value) ? single(value[0]) : typeof value === 'string' ? value : undefined);

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** A boolean query parameter, spelled as Argo CD's gateway accepts it (Go's ParseBool); absent or empty is undefined. */
@Injectable()
export class QueryBoolPipe implements PipeTransform<unknown, boolean | undefined> {
  transform(value: unknown, meta: ArgumentMetadata): boolean | undefined {
    const v = single(value);
    if (v === undefined || v === '') return undefined;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    throw new InputError(`query parameter "${meta.data}" must be true or false`);
  }
}

/** A list query parameter: `?projects=a&projects=b` or `?projects=a,b`; absent is []. */
@Injectable()
export class QueryListPipe implements PipeTransform<unknown, string[]> {
  transform(value: unknown, meta: ArgumentMetadata): string[] {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (values.some((v) => typeof v !== 'string')) throw new InputError(`query parameter "${meta.data}" must be a list of strings`);
    return (values as string[])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  }
}

/** A string query parameter; absent is undefined; given twice, the first. */
@Injectable()
export class QueryStringPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, meta: ArgumentMetadata): string | undefined {
    if (value !== undefined && single(value) === undefined) throw new InputError(`query parameter "${meta.data}" must be a string`);
    return single(value);
  }
}

/** A query parameter limited to a closed set of values; absent is undefined. */
export class QueryEnumPipe<T extends string> implements PipeTransform<unknown, T | undefined> {
  constructor(private readonly allowed: readonly T[]) {}

  transform(value: unknown, meta: ArgumentMetadata): T | undefined {
    const v = single(value);
    if (v === undefined || v === '') return undefined;
    if (!this.allowed.includes(v as T)) throw new InputError(`query parameter "${meta.data}" must be one of ${this.allowed.join(', ')}`);
    return v as T;
  }
}
