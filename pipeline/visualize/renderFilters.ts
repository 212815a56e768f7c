// The learned weights: the first conv layer's kernels as a picture, the other conv layers' filter norms as JSON.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelDescription } from '../model/description';
import type { ArtifactFile, VisualIndex } from '../artifacts/types';
import { filterNorms, paintFilterGrid, type Kernel } from './filters';
import { layerGrid } from '../../shared/drawing/layerGrid';
import { encodePng } from './png';
import { round7, type WriteArtifact } from './writeArtifact';

/** The layers drawn: the first convolution's kernels as a picture, every other convolution's filter norms. */
export function filterLayers(description: Pick<ModelDescription, 'convolutions' | 'firstConvolution'>): { kernelImage: string; norms: string[] } {
  return { kernelImage: description.firstConvolution, norms: description.convolutions.filter((l) => l !== description.firstConvolution) };
}

/** visuals/filters/norms.json */
export interface FilterNormsFile {
  layers: { layer: string; kernelShape: number[]; norms: number[] }[];
}

/** The kernel (first weight) of a conv layer, read out of the model. */
export function readKernel(model: tfl.LayersModel, layerName: string): Kernel {
  const layer = model.layers.find((l) => l.name === layerName);
  if (!layer) throw new Error(`filters: the model has no layer named '${layerName}'; its layers are ${model.layers.map((l) => l.name).join(', ')}`);
  const [kernel] = layer.getWeights();
  if (!kernel || kernel.shape.length !== 4) throw new Error(`filters: layer '${layerName}' has no 4-D conv kernel`);
  // getWeights() returns the layer's own variables' values; reading them does not dispose anything.
  return { shape: kernel.shape as Kernel['shape'], values: (kernel.dataSync() as Float32Array).slice() };
}

export async function renderFilters(model: tfl.LayersModel, description: Pick<ModelDescription, 'convolutions' | 'firstConvolution'>, write: WriteArtifact): Promise<{ filters: VisualIndex['filters']; files: ArtifactFile[] }> {
  const { kernelImage: KERNEL_IMAGE_LAYER, norms: NORM_LAYERS } = filterLayers(description);
  const kernel = readKernel(model, KERNEL_IMAGE_LAYER);
  const [kh, kw, , count] = kernel.shape;
  const layout = layerGrid(kh, kw, count);
  const { rgba, maxAbs, colours } = paintFilterGrid(kernel, layout);
  const { width, height, rows, cols, tileWidth: tile, gap } = layout;
  const gridFile = await write(`visuals/filters/${KERNEL_IMAGE_LAYER}.png`, await encodePng(rgba, width, height), 'filters-grid', {
    layer: KERNEL_IMAGE_LAYER, shape: kernel.shape, width, height, rows, cols, tile, gap,
    // The colour scale: level 128 is weight 0, the ends are ±maxAbs (per channel for 'rgb': see paintFilterGrid).
    maxAbs: round7(maxAbs), colours,
  });

  const norms: FilterNormsFile = {
    layers: NORM_LAYERS.map((layer) => {
      const k = readKernel(model, layer);
      return { layer, kernelShape: k.shape, norms: filterNorms(k).map(round7) };
    }),
  };
  const normsFile = await write('visuals/filters/norms.json', JSON.stringify(norms), 'filter-norms', { layers: [...NORM_LAYERS] });
  return { filters: { grid: gridFile.path, width, height, tile, gap, norms: normsFile.path }, files: [gridFile, normsFile] };
}
