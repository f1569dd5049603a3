import { canonicalQuantity } from './index';

describe('canonicalQuantity', () => {
  it.each([
    ['0.1', '100m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1', '1'],
    ['1.5', '1500m'],
    ['128Mi', '128Mi'],
    ['0.25Gi', '256Mi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['512Ki', '512Ki'],
    ['0.5Ki', '512'],
    ['2000M', '2G'],
    ['1e3', '1e3'],
    ['1500e-3', '1500e-3'],
    ['0', '0'],
    ['0.0000000001', '1n'],
  ])('%s → %s', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it('is undefined for text that is not a quantity', () => {
    expect(canonicalQuantity('lots')).toBeUndefined();
    expect(canonicalQuantity('1Gb')).toBeUndefined();
  });
});
