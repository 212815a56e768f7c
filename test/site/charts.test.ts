import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts, type SiteArtifacts } from '../../site/lib/artifacts/load';
import { buildChart, CHART_NAMES } from '../../site/lib/charts/index';
import { renderChartSvg } from '../../site/lib/charts/render';
import { LANGS, translator } from '../../site/lib/i18n';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

let fake: FakeArtifacts;
let artifacts: SiteArtifacts;
beforeAll(async () => {
  fake = await sharedFakeArtifacts();
  artifacts = loadArtifacts(fake.dir);
});
afterAll(() => fake.cleanup());

describe('chart specs', () => {
  for (const lang of LANGS) {
    for (const name of CHART_NAMES) {
      it(`compiles and renders ${name} (${lang}) to SVG`, async () => {
        const spec = buildChart(name, artifacts, { t: translator(lang), lang: lang });
        const { spec: vegaSpec } = compile(spec);
        const view = new View(parse(vegaSpec), { renderer: 'none' });
        const svg = await view.toSVG();
        view.finalize();
        expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
        expect(svg).toContain(String(spec.title));
      });
    }
  }

  it('titles the accuracy chart Accuracy (the tutorial said Loss)', () => {
    const spec = buildChart('accuracy', artifacts, { t: translator('en'), lang: 'en' });
    expect(spec.title).toBe('Accuracy per epoch');
    expect(JSON.stringify(spec)).not.toContain('"title":"Loss"');
  });

  it('localises titles and axis labels in Chinese', async () => {
    const svg = await renderChartSvg(buildChart('loss', artifacts, { t: translator('zh'), lang: 'zh' }));
    expect(svg).toContain('每轮的损失');
    expect(svg).toContain('轮次');
  });

  it('plots one point per epoch and series in the loss chart', () => {
    const spec = buildChart('loss', artifacts, { t: translator('en'), lang: 'en' }) as { data: { values: { epoch: number; value: number }[] } };
    expect(spec.data.values).toHaveLength(artifacts.history.epochs.length * 2);
    expect(spec.data.values[0]).toEqual({ epoch: 1, series: 'Training', value: artifacts.history.epochs[0]?.loss });
  });

  it('fills all 100 cells of the confusion matrix', () => {
    const spec = buildChart('confusion', artifacts, { t: translator('en'), lang: 'en' }) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(100);
  });

  it('marks dead channels in the mean-activation chart', () => {
    const spec = buildChart('mean-activation', artifacts, { t: translator('en'), lang: 'en' }, { layer: 'conv2d' }) as { data: { values: { state: string }[] } };
    const dead = artifacts.layerStats('conv2d', 51).filter((s) => s.dead).length;
    expect(spec.data.values.filter((v) => v.state === 'Dead (constant)')).toHaveLength(dead);
  });

  it('ranks each sample\'s three most probable digits in the top-3 chart', () => {
    const spec = buildChart('top3', artifacts, { t: translator('en'), lang: 'en' }) as { data: { values: { sample: string; rank: number; class: string }[] } };
    const first = spec.data.values.filter((v) => v.sample === '#51 (3)');
    expect(first.map((v) => v.rank)).toEqual([1, 2, 3]);
    expect(first[0]?.class).toBe('3');
  });
});

describe('filter norms chart', () => {
  it('compiles and renders one bar per filter and layer', async () => {
    const { filterNormsChart } = await import('../../site/lib/charts/filterNorms');
    const spec = filterNormsChart(artifacts.filterNorms(), { t: translator('zh') }) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(64 + 128);
    const svg = await renderChartSvg(spec as Parameters<typeof renderChartSvg>[0]);
    expect(svg).toContain('各滤波器的权重范数');
  });
});
