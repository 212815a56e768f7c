import { escapeHtml } from '../html';
import { artifactUrl, classNameOf, type DirectiveSpec } from './context';
import { explorerDirective } from './explorer';

/**
 * `::sample-picker` — one button per visualized test image, and "draw your own", which opens the live
 * explorer in place: its markup waits in an inert <template>, its script (TF.js, the model) loads on
 * first use. Hidden until site/scripts/gallery.ts runs, because without JavaScript the page shows the
 * article's sample only.
 */
export const samplePickerDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  async render(attributes, ctx) {
    const { artifacts, t, base } = ctx;
    const { samples, articleSample } = artifacts.visuals;
    const name = classNameOf(ctx);
    const buttons = samples.map((s) => {
      const label = t('picker.option', { sample: s.index, label: name(s.label) }) + (s.index === articleSample ? t('picker.articleNote', { note: t('picker.article') }) : '');
      const size = artifacts.imageSize(s.input);
      return `<button type="button" data-sample="${s.index}" aria-pressed="${s.index === articleSample}" aria-label="${escapeHtml(label)}" title="${escapeHtml(label)}">`
        + `<img src="${escapeHtml(artifactUrl(base, s.input))}" width="${size.width}" height="${size.height}" alt="" loading="lazy" decoding="async"><span>${escapeHtml(name(s.label))}</span></button>`;
    });
    const drawOwn = `<button type="button" class="draw-own" data-draw-own aria-expanded="false" aria-controls="draw-own-view">${escapeHtml(t('picker.drawOwn'))}</button>`;
    return `<fieldset class="sample-picker js-only" data-sample-picker hidden><legend>${escapeHtml(t('picker.legend'))}</legend><div class="sample-picker-options">${buttons.join('')}${drawOwn}</div></fieldset>`
      + `<div id="draw-own-view" class="draw-own-view" data-draw-own-view hidden></div>`
      + `<template data-draw-own-template>${await explorerDirective.render(attributes, ctx)}</template>`;
  },
};
