import { ReadBudget, SourceError } from './index';

describe('ReadBudget', () => {
  it('refuses a file over the size limit before counting it', () => {
    const budget = new ReadBudget({ maxFileBytes: 10, maxFiles: 1 });
    expect(() => budget.admit('big.yaml', 11)).toThrow(new SourceError('is 11 bytes, over the limit of 10', { file: 'big.yaml' }));
    expect(() => budget.admit('ok.yaml', 10)).not.toThrow();
  });

  it('bounds the number of files and the total bytes of one source', () => {
    const files = new ReadBudget({ maxFiles: 2 });
    files.admit('a', 1);
    files.admit('b', 1);
    expect(() => files.admit('c', 1)).toThrow('c: reading more than 2 files from one source is not allowed');
    const bytes = new ReadBudget({ maxTotalBytes: 5 });
    bytes.admit('a', 3);
    expect(() => bytes.admit('b', 3)).toThrow('b: reading more than 5 bytes from one source is not allowed');
  });
});
