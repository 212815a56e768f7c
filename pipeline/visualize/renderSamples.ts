// Per sample: the input image, and for each visualized layer a grid PNG plus its data files.
import type { ArtifactFile, LayerGridRef, VisualLayer, VisualSample } from '../artifacts/types';
import { inputSize, type ModelInput } from '../model/description';
import type { LayerActivations } from './activationModel';
import { INPUT_SCALE, paintInput } from './inputImage';
import { layerGrid } from '../../shared/drawing/layerGrid';
import { normalisationOf, paintLayerGrid, toChannelMajor } from '../../shared/drawing/paintLayerGrid';
import { encodePng } from './png';
import type { SampleChoice } from './selectSamples';
import { LAYER_DATA_FORMAT, type LayerDataFile } from './types';
import { mapLimit, round7, sampleStem, type WriteArtifact } from './writeArtifact';

const PARALLEL_ENCODES = 4;

export interface SampleInputs {
  choices: SampleChoice[];
  images: Float32Array; // the test set, count × height × width × channels
  labels: ArrayLike<number>;
  predicted: ArrayLike<number>;
  /** The model's input: the size of each image. */
  input: ModelInput;
}

export async function renderInputs(
  { choices, images, labels, predicted, input }: SampleInputs,
  write: WriteArtifact,
): Promise<{ samples: VisualSample[]; files: ArtifactFile[] }> {
  const PIXELS = inputSize(input);
  const files = await mapLimit(choices, PARALLEL_ENCODES, async ({ index }) => {
    const { rgba, width, height } = paintInput(images.subarray(index * PIXELS, (index + 1) * PIXELS), input, INPUT_SCALE);
    const png = await encodePng(rgba, width, height);
    return write(`visuals/inputs/${sampleStem(index)}.png`, png, 'input-image', { sample: index, width, height });
  });
  const samples = choices.map(({ index, role }, i) => ({
    index,
    label: labels[index],
    predicted: predicted[index],
    role,
    input: files[i].path,
  }));
  return { samples, files };
}

/** One job per (layer, sample): everything needed to paint and describe one grid. */
interface GridJob {
  layer: LayerActivations;
  position: number; // row of the sample in the activation batch
  sample: number; // test index
}

export async function renderLayerGrids(
  layers: LayerActivations[],
  sampleIndices: number[],
  write: WriteArtifact,
): Promise<{ layers: VisualLayer[]; grids: LayerGridRef[]; files: ArtifactFile[] }> {
  const jobs: GridJob[] = layers.flatMap((layer) => sampleIndices.map((sample, position) => ({ layer, position, sample })));
  const done = await mapLimit(jobs, PARALLEL_ENCODES, async ({ layer, position, sample }) => {
    const [h, w, c] = layer.shape;
    const size = h * w * c;
    const map = toChannelMajor(layer.values.subarray(position * size, (position + 1) * size), h, w, c);
    const layout = layerGrid(h, w, c);
    const { rgba, stats } = paintLayerGrid(map, layout);
    const stem = `${layer.name}/${sampleStem(sample)}`;
    const shape: [number, number, number] = [h, w, c];

    const png = await encodePng(rgba, layout.width, layout.height);
    const { width, height, rows, cols, tileWidth: tile, gap } = layout;
    const gridFile = await write(`visuals/grids/${stem}.png`, png, 'layer-grid', {
      layer: layer.name, sample, shape, channels: c, rows, cols, width, height, tile, gap, normalisation: normalisationOf(map),
    });

    const rawPath = `visuals/data/${stem}.f32`;
    const rawFile = await write(rawPath, float32LittleEndian(map.values), 'layer-data', { layer: layer.name, sample, shape, format: 'float32' });
    const data: LayerDataFile = {
      format: LAYER_DATA_FORMAT,
      layer: layer.name,
      sample,
      shape,
      values: { path: rawPath, dtype: 'float32', byteOrder: 'little-endian', layout: 'channel-major' },
      stats: stats.map((s) => ({ ...s, mean: round7(s.mean), std: round7(s.std), min: round7(s.min), max: round7(s.max) })),
    };
    const dataFile = await write(`visuals/data/${stem}.json`, JSON.stringify(data), 'layer-data', { layer: layer.name, sample, shape, format: 'json' });

    const ref: LayerGridRef = {
      layer: layer.name, sample, path: gridFile.path, width, height, tile, gap,
      deadChannels: stats.filter((s) => s.dead).length,
      data: dataFile.path,
    };
    return { ref, files: [gridFile, dataFile, rawFile] };
  });

  const visualLayers: VisualLayer[] = layers.map(({ name, type, shape }) => {
    const { rows, cols } = layerGrid(shape[0], shape[1], shape[2]);
    return { name, type, shape, rows, cols };
  });
  return { layers: visualLayers, grids: done.map((d) => d.ref), files: done.flatMap((d) => d.files) };
}

/** Raw values as little-endian float32 bytes, whatever the host's byte order. */
export function float32LittleEndian(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}
