// Thumbnails with predictions: 24 random test images (fixed by the seed) and every misclassified one.
import type { ArtifactFile, ArtifactKind, ImageWithPrediction } from '../artifacts/types';
import { inputSize, type ModelInput } from '../model/description';
import { paintInput, THUMB_SCALE } from './inputImage';
import { encodePng } from './png';
import { galleryIndices, misclassifiedIndices, topDigits } from './predictionsView';
import { mapLimit, sampleStem, type WriteArtifact } from './writeArtifact';

const PARALLEL_ENCODES = 4;

export interface PredictionInputs {
  images: Float32Array;
  labels: ArrayLike<number>;
  predicted: ArrayLike<number>;
  probabilities: Float32Array;
  seed: number;
  /** The model's input (each image's size) and its number of classes (the probabilities' row length). */
  input: ModelInput;
  classes: number;
}

async function renderThumbnails(
  indices: number[],
  folder: string,
  kind: ArtifactKind,
  { images, labels, predicted, probabilities, input, classes }: PredictionInputs,
  write: WriteArtifact,
): Promise<{ entries: ImageWithPrediction[]; files: ArtifactFile[] }> {
  const PIXELS = inputSize(input);
  const files = await mapLimit(indices, PARALLEL_ENCODES, async (index) => {
    const { rgba, width, height } = paintInput(images.subarray(index * PIXELS, (index + 1) * PIXELS), input, THUMB_SCALE);
    const meta = { sample: index, label: labels[index], predicted: predicted[index], width, height };
    return write(`visuals/${folder}/${sampleStem(index)}.png`, await encodePng(rgba, width, height), kind, meta);
  });
  const entries = indices.map((index, i) => ({
    index,
    label: labels[index],
    predicted: predicted[index],
    image: files[i].path,
    top3: topDigits(probabilities, index, classes),
  }));
  return { entries, files };
}

export async function renderPredictions(input: PredictionInputs, write: WriteArtifact) {
  const gallery = await renderThumbnails(galleryIndices(input.labels.length, input.seed), 'gallery', 'sample-gallery', input, write);
  const wrong = misclassifiedIndices(input.labels, input.predicted);
  const misclassified = await renderThumbnails(wrong, 'misclassified', 'misclassified', input, write);
  return { gallery: gallery.entries, misclassified: misclassified.entries, files: [...gallery.files, ...misclassified.files] };
}
