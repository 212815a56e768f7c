import { parse, View } from 'vega';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts, type SiteArtifacts } from '../../site/lib/artifacts/load';
import { buildChart, CHART_NAMES } from '../../site/lib/charts/index';
import { chartLayout, NARROW_WIDTH, narrowSpec, withoutSharedData, withSharedData, wrapTitle } from '../../site/lib/charts/narrow';
import { renderChart } from '../../site/lib/charts/render';
import { LANGS, translator } from '../../site/lib/i18n';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

let fake: FakeArtifacts;
let artifacts: SiteArtifacts;
beforeAll(async () => {
  fake = await sharedFakeArtifacts();
  artifacts = loadArtifacts(fake.dir);
});
afterAll(() => fake.cleanup());

async function drawnWidth(vega: Parameters<typeof parse>[0]): Promise<number> {
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(await view.toSVG())?.[1]);
  } finally {
    view.finalize();
  }
}

describe('charts laid out for a phone', () => {
  for (const lang of LANGS) {
    for (const name of CHART_NAMES) {
      it(`draws ${name} (${lang}) within the phone width when the wide chart is wider, at the wide chart's font sizes`, async () => {
        const spec = buildChart(name, artifacts, { t: translator(lang), lang });
        const rendered = await renderChart(spec, { narrow: true });
        if ((rendered.width ?? 0) <= NARROW_WIDTH) {
          expect(rendered.narrow).toBeUndefined();
          expect(rendered.narrowSvg).toBeUndefined();
          return;
        }
        expect(rendered.narrow).toBeDefined();
        // The same layout drawn for readers without JavaScript: an SVG no wider than the phone's column.
        expect(Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(rendered.narrowSvg ?? '')?.[1])).toBeLessThanOrEqual(NARROW_WIDTH + 30);
        // Vega measures text without a canvas by a generous estimate, so the browser's drawing is no wider.
        expect(await drawnWidth(rendered.narrow!)).toBeLessThanOrEqual(NARROW_WIDTH + 30);
        expect(JSON.stringify(rendered.narrow)).not.toMatch(/"fontSize":(?:[0-9]|10)\b/);
      });
    }
  }

  it('keeps at most two panels a row, moves legends below and row labels above their row', () => {
    const top3 = narrowSpec(buildChart('top3', artifacts, { t: translator('en'), lang: 'en' }), 240) as unknown as { columns: number; spec: { width: number }; config: { legend: { orient: string } } };
    expect(top3.columns).toBe(2);
    expect(top3.spec.width).toBe(120);
    expect(top3.config.legend.orient).toBe('bottom');
    const rows = narrowSpec(buildChart('activations', artifacts, { t: translator('en'), lang: 'en' }), 240) as unknown as { facet: { row: { header: { labelOrient: string } } } };
    expect(rows.facet.row.header.labelOrient).toBe('top');
  });

  it('names each chart in its language instead of Vega\'s "Vega visualization"', async () => {
    const { vega } = await renderChart(buildChart('loss', artifacts, { t: translator('zh'), lang: 'zh' }));
    expect(vega.description).toBe(translator('zh')('chart.loss.title'));
  });
});

describe('wrapTitle', () => {
  it('breaks at spaces, every line within the width by its estimate', () => {
    const lines = wrapTitle('How often each channel is dead (0 everywhere), over 1000 test images', 200, 15);
    expect(Array.isArray(lines)).toBe(true);
    for (const line of lines as string[]) expect(line.length * 0.8 * 15).toBeLessThanOrEqual(200);
    expect((lines as string[]).join(' ')).toBe('How often each channel is dead (0 everywhere), over 1000 test images');
  });

  it('breaks Chinese between characters, counting each as a full em', () => {
    const lines = wrapTitle('每个通道在一千张测试图像上完全为零的比例', 150, 15);
    expect(lines).toEqual(['每个通道在一千张测试', '图像上完全为零的比例']);
  });

  it('leaves a title that fits as one string', () => {
    expect(wrapTitle('Loss per epoch', 300, 15)).toBe('Loss per epoch');
  });
});

describe('chartLayout', () => {
  it('shows the wide chart only where it fits without shrinking', () => {
    expect(chartLayout(586, 586)).toBe('wide');
    expect(chartLayout(585, 586)).toBe('narrow');
    expect(chartLayout(343, 586)).toBe('narrow');
  });
});

describe('the phone layout\'s data on the page', () => {
  const wide = { data: [{ name: 'source_0', values: [{ x: 1 }, { x: 2 }] }, { name: 'other', values: [{ y: 1 }] }, { name: 'derived' }] };
  const narrow = { data: [{ name: 'source_0', values: [{ x: 1 }, { x: 2 }] }, { name: 'other', values: [{ y: 9 }] }, { name: 'derived' }, { name: 'own', values: [{ z: 3 }] }] };

  it('leaves out only the values the wide spec holds too, and restores the narrow spec exactly', () => {
    const { narrow: lean, shared } = withoutSharedData(wide, narrow);
    expect(shared).toEqual(['source_0']);
    expect(lean.data[0]).toEqual({ name: 'source_0', values: [] });
    expect(lean.data.slice(1)).toEqual(narrow.data.slice(1));
    expect(withSharedData(wide, lean, shared)).toEqual(narrow);
  });

  it('restores every chart of the fake report to the narrow spec it was drawn from', async () => {
    for (const name of CHART_NAMES) {
      const rendered = await renderChart(buildChart(name, artifacts, { t: translator('en'), lang: 'en' }), { narrow: true });
      if (!rendered.narrow) continue;
      const { narrow: lean, shared } = withoutSharedData(rendered.vega, rendered.narrow);
      expect(JSON.stringify(lean).length, name).toBeLessThanOrEqual(JSON.stringify(rendered.narrow).length);
      // As the page carries them: JSON (vega tags the values it drew with symbols, which JSON drops).
      const json = (x: unknown) => JSON.parse(JSON.stringify(x));
      expect(json(withSharedData(json(rendered.vega), json(lean), shared)), name).toEqual(json(rendered.narrow));
    }
  });
});
