// The classes of an image folder: one per class folder, in the listing's order (UTF-16 code units). Their
// names are the folder names, unless a classes.json at the folder's root gives display names: "en" one per
// class folder in that same order (checked by count; the log pairs each folder with its name), "zh" optional.
import path from 'node:path';
import type { DataClasses } from '../../../shared/data/classes';
import { DataError } from '../dataError';
import { CLASSES_FILE, checkClassCount, classesFromFile, type ClassNamesFile } from '../classesFile';

export function folderClasses(dir: string, folders: string[], file: ClassNamesFile | null, log: (line: string) => void): DataClasses {
  checkClassCount(folders.length, path.join(dir, 'train'), `train/ holds ${folders.length} class folder${folders.length === 1 ? '' : 's'}`);
  if (!file) return { en: folders, zh: folders, source: 'folders', zhFromEnglish: true, noun: 'image' };
  if (file.en.length !== folders.length) {
    throw new DataError(file.file, `"en" has ${file.en.length} names, but train/ has ${folders.length} class folders (${folders.join(', ')}, in that order): give one name per class folder, in that order, or remove ${CLASSES_FILE} to use the folder names.`);
  }
  const classes = classesFromFile(file);
  const pairs = folders.map((f, i) => (f === classes.en[i] ? f : `${f} → ${classes.en[i]}`));
  log(`images: class names from ${file.file}: ${pairs.slice(0, 6).join(', ')}${pairs.length > 6 ? ', …' : ''}`);
  return classes;
}
