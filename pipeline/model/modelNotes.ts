// What the log (and the about page, through the manifest) says about the model shown.
import type { ModelDescription } from './description';

/** One line on where the model came from, e.g. "imported from mnist_cnn.h5 (legacy Keras HDF5, Keras 2.10.0), not trained here". */
export function describeSource({ source, input }: ModelDescription): string {
  const container = { keras: 'Keras 3 .keras', h5: 'legacy Keras HDF5', tfjs: 'TF.js layers model', 'keras-json': 'Keras configuration' }[source.format ?? 'keras-json'];
  const version = source.kerasVersion ? `, Keras ${source.kerasVersion}` : source.generatedBy ? `, ${source.generatedBy}` : '';
  const scale = input.scale === 'byte' ? 'pixels fed as 0–255' : 'pixels divided by 255';
  const what = source.kind === 'imported' ? 'imported from' : 'architecture from';
  return `${what} ${source.file ?? 'a file'} (${container}${version}), ${source.kind === 'imported' ? 'not trained here' : 'trained here'}; ${scale}`;
}

/** Accuracy below twice the chance rate: most likely the pixels are scaled differently from the model's training. */
export function nearChance(accuracy: number, classes: number): boolean {
  return accuracy < 2 / classes;
}

export function warnIfNearChance(accuracy: number, description: ModelDescription, log: (line: string) => void): void {
  if (!nearChance(accuracy, description.classes)) return;
  const other = description.input.scale === 'unit' ? 'byte' : 'unit';
  log(
    `warning: the model scores ${(accuracy * 100).toFixed(1)} % on the test images, near chance (${(100 / description.classes).toFixed(1)} %). ` +
      `If it was trained on ${other === 'byte' ? 'raw 0–255 pixels' : 'pixels divided by 255'}, run again with --input-scale ${other}. The report was built anyway and says so.`,
  );
}
