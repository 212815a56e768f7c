import { describe, expect, it } from 'vitest';
import { compactSvg } from '../../site/lib/charts/compactSvg';
import { renderChart } from '../../site/lib/charts/render';
import { CHART_CONFIG } from '../../site/lib/charts/common';

const FONT = 'system-ui, &#x22;Noto Sans CJK SC&#x22;, sans-serif';

describe('compactSvg', () => {
  it('moves the font every text repeats to the root <svg>, once', () => {
    const svg = `<svg width="10" height="10"><text font-family="${FONT}" font-size="10px">a</text><text font-family="${FONT}">b</text></svg>`;
    expect(compactSvg(svg)).toBe(`<svg font-family="${FONT}" width="10" height="10"><text font-size="10px">a</text><text>b</text></svg>`);
  });

  it('keeps every font attribute when the texts use different fonts', () => {
    const svg = '<svg><text font-family="a">x</text><text font-family="b">y</text></svg>';
    expect(compactSvg(svg)).toBe(svg);
  });

  it('rounds geometry to 0.01 px and leaves the numbers in labels alone', () => {
    const svg = '<svg><path transform="translate(335.25818181818187,-0.0001)" d="M1.732,0A1.7325,1.7325,0,1,1,-12.34567,0"></path><text x="3.14159">0.0015</text></svg>';
    expect(compactSvg(svg)).toBe('<svg><path transform="translate(335.26,0)" d="M1.73,0A1.73,1.73,0,1,1,-12.35,0"></path><text x="3.14">0.0015</text></svg>');
  });

  it('leaves out the paths that draw nothing and the ARIA of the drawing\'s parts, keeping every visible path and text', () => {
    const svg = '<svg><g class="mark-group role-frame root" role="graphics-object" aria-roledescription="group mark container"><path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"></path>'
      + '<path class="background" aria-hidden="true" d="M0,0h520v80h-520Z"></path><g class="mark-text role-title-text" role="graphics-symbol" aria-roledescription="title" aria-label="Title text \'Layer\'" pointer-events="none"><text>Layer</text></g>'
      + '<path class="foreground" aria-hidden="true" d="" display="none"></path></g></svg>';
    expect(compactSvg(svg)).toBe('<svg><g class="mark-group role-frame root"><path class="background" d="M0,0h520v80h-520Z"></path><g class="mark-text role-title-text"><text>Layer</text></g></g></svg>');
  });

  it('gives a rendered chart one font on the root and none on its texts', async () => {
    const { svg } = await renderChart({
      config: CHART_CONFIG, width: 100, height: 50, title: 'T',
      data: { values: [{ a: 0.123456789, b: 1 / 3 }, { a: 0.9, b: 2 / 3 }] },
      mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
    });
    expect(svg).toMatch(/^<svg font-family="system-ui/);
    expect(svg.match(/font-family=/g)).toHaveLength(1);
    expect(svg).not.toMatch(/\s(?:transform|d)="[^"]*\d\.\d{3,}/);
    expect(svg).toContain('>T</text>');
    expect(svg).not.toMatch(/\s(?:role|aria-[a-z]+|pointer-events)=/);
    expect(svg).not.toContain('d="M0,0h0v0h0Z"');
  });
});
