import { classCountOf } from '../../../shared/data/classes';
import { formatInt } from '../format/number';
import { escapeHtml } from '../html';
import { artifactUrl, classNameOf, type DirectiveSpec } from './context';
import { dataFactHtml, dataName, fitRuleHtml, pictureSize } from './dataFacts';

const size = ([width, height]: [number, number]) => `${width}×${height}`;

/**
 * `::data-description` — what the data is, true of any data set (issue #21): its name, image counts, picture
 * size and channels, its classes with a few test images of each (visuals.classExamples), where the class names
 * came from, and for an image folder how its pictures were fitted to the input (shared/data/fitImage.ts),
 * how large they were and which files were skipped. On a Chinese page, a note when no Chinese names were given.
 */
export const dataDescriptionDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, ctx) {
    const { artifacts, lang, t, base } = ctx;
    const nameOf = classNameOf(ctx);
    const { data } = artifacts.manifest;
    const int = (n: number) => formatInt(n, lang);
    const paragraphs: string[] = [];
    // Template fills are HTML already (the name may hold <code>), so the sentence is not escaped again; every fill is escaped where it is made.
    paragraphs.push(t('data.summary', {
      name: dataName(data, lang), train: int(data.trainAvailable), test: int(data.testAvailable), size: pictureSize(data),
      channels: dataFactHtml('channels', data, lang), classes: int(classCountOf(data.classes)),
    }));
    if (data.trainCount < data.trainAvailable || data.testCount < data.testAvailable) {
      paragraphs.push(t('data.used', { train: int(data.trainCount), test: int(data.testCount) }));
    }
    paragraphs.push(escapeHtml(t(`data.namesFrom.${data.classes.source}`)));
    const parts = paragraphs.map((p) => `<p>${p}</p>`);
    if (lang === 'zh' && data.classes.zhFromEnglish) parts.push(`<p class="data-note" role="note">${escapeHtml(t('data.zhFromEnglish'))}</p>`);
    const folder = data.folder;
    if (data.format === 'folder' && folder) {
      const fit = fitRuleHtml(data, t);
      fit.push(escapeHtml(t('data.folderSizes', { smallest: size(folder.smallest), largest: size(folder.largest), colour: int(folder.colourPictures), grey: int(folder.greyPictures) })));
      if (folder.skipped > 0) {
        const examples = folder.skippedExamples.map((f) => `<code>${escapeHtml(f)}</code>`).join(lang === 'zh' ? '、' : ', ');
        fit.push(t('data.folderSkipped', { count: int(folder.skipped), examples }));
      }
      parts.push(`<p>${fit.join(' ')}</p>`);
    }
    const strips = artifacts.visuals.classExamples ?? [];
    if (strips.length > 0) {
      const figures = strips.map((c) => {
        const name = nameOf(c.label);
        const { width, height } = artifacts.imageSize(c.image);
        const alt = t('data.examplesAlt', { count: c.indices.length, name });
        return `<figure class="class-example" data-class="${c.label}"><img src="${escapeHtml(artifactUrl(base, c.image))}" width="${width}" height="${height}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async"><figcaption>${escapeHtml(t('data.classLabel', { label: c.label, name }))}</figcaption></figure>`;
      });
      parts.push(`<figure class="class-examples"><div class="class-examples-strips">${figures.join('')}</div><figcaption>${escapeHtml(t('data.examplesCaption'))}</figcaption></figure>`);
    }
    return `<section class="data-description" data-data-description>${parts.join('')}</section>`;
  },
};
