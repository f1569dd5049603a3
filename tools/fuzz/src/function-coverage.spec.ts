import { builtinFunctionNames } from '@fjord/go-template';
import { helmFunctionNames } from '@fjord/helm';
import { sprigFunctionNames } from '@fjord/sprig';
import { compareFunctionNames, goFunctionNames, type GoFunctionNames } from './function-coverage';

describe('template function coverage against Helm 4.2.4 (Sprig v3.3.0 + pkg/engine)', () => {
  let go: GoFunctionNames;
  beforeAll(() => {
    go = goFunctionNames();
  }, 600_000);

  it('the oracle lists the maps it reads', () => {
    expect(go.builtins).toContain('printf');
    expect(go.sprig).toContain('buildCustomCert');
    expect(go.helm).toEqual(expect.arrayContaining(['toYaml', 'fromYaml', 'include', 'tpl', 'required', 'lookup']));
    expect(go.removed).toEqual(['env', 'expandenv']);
  });

  it('Fjord has every function a Helm chart can call, and none that Helm lacks', () => {
    const coverage = compareFunctionNames(go, builtinFunctionNames(), helmFunctionNames());
    console.log(`template function coverage: ${coverage.percent.toFixed(1)}% of ${coverage.total} names`);
    expect(coverage.missing).toEqual([]);
    expect(coverage.extra).toEqual([]);
    expect(coverage.notRemoved).toEqual([]);
  });

  it("Sprig's own map in Fjord is Sprig's without env and expandenv", () => {
    expect(sprigFunctionNames()).toEqual(go.sprig.filter((n) => !go.removed.includes(n)).sort());
  });
});
