import { describe, expect, it } from 'vitest';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';
import { renderPredictions } from '../../pipeline/visualize/renderPredictions';
import { galleryIndices } from '../../pipeline/visualize/predictionsView';
import { decodePng } from './decodePng';
import { recordingWriter } from './recordingWriter';

const COUNT = 40;

/** Image i is a flat grey of level 6·i; labels cycle 0–9; every 9th prediction is wrong. */
function inputs() {
  const images = new Float32Array(COUNT * 784);
  for (let i = 0; i < COUNT; i++) images.fill((6 * i) / 255, i * 784, (i + 1) * 784);
  const labels = Array.from({ length: COUNT }, (_, i) => i % 10);
  const predicted = labels.map((d, i) => (i % 9 === 4 ? (d + 3) % 10 : d));
  const probabilities = new Float32Array(COUNT * 10).fill(0.02);
  predicted.forEach((d, i) => (probabilities[i * 10 + d] = 0.8));
  return { images, labels, predicted, probabilities, seed: 11, input: TUTORIAL_DESCRIPTION.input, classes: 10 };
}

describe('renderPredictions', () => {
  it('shows the seed’s 24 gallery images and every misclassified one, each with its own thumbnail', async () => {
    const input = inputs();
    const { write, files } = recordingWriter();
    const { gallery, misclassified, files: written } = await renderPredictions(input, write);
    expect(gallery.map((g) => g.index)).toEqual(galleryIndices(COUNT, 11));
    expect(misclassified.map((m) => m.index)).toEqual([4, 13, 22, 31]);
    expect(written).toHaveLength(24 + 4);

    for (const entry of [gallery[0], gallery[23], misclassified[2]]) {
      const { index } = entry;
      const folder = entry === misclassified[2] ? 'misclassified' : 'gallery';
      expect(entry).toMatchObject({ label: index % 10, predicted: input.predicted[index], image: `visuals/${folder}/t${String(index).padStart(5, '0')}.png` });
      expect(entry.top3[0]).toEqual({ digit: input.predicted[index], probability: 0.8 });
      const file = files.get(entry.image)!;
      expect(file.entry).toMatchObject({ kind: folder === 'gallery' ? 'sample-gallery' : 'misclassified', meta: { sample: index, label: index % 10, predicted: input.predicted[index], width: 84, height: 84 } });
      const png = await decodePng(Buffer.from(file.bytes as Uint8Array));
      const grey = (6 * index).toString(16).padStart(2, '0');
      expect([png.width, png.height, png.hexAt(0, 0), png.hexAt(83, 83)]).toEqual([84, 84, `#${grey}${grey}${grey}`, `#${grey}${grey}${grey}`]);
    }
  });
});
