import { symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../pipeline/data/dataError';
import { listImageFolder } from '../../../pipeline/data/imageFolder/listing';
import { pictureBytes, pictures, writeFolder } from './fixtures';

describe('listImageFolder', () => {
  it('numbers the classes in code-unit order of their folder names, not the locale\'s', async () => {
    const dir = await writeFolder(pictures(['apple', 'Zebra', 'Äpfel'], 1));
    const listing = await listImageFolder(dir);
    // localeCompare would give apple, Äpfel, Zebra; code units put capitals first and Ä (U+00C4) last.
    expect(listing.classes).toEqual(['Zebra', 'apple', 'Äpfel']);
    expect(listing.pictures.train.map((p) => [p.path, p.label])).toEqual([['train/Zebra/000.png', 0], ['train/apple/000.png', 1], ['train/Äpfel/000.png', 2]]);
  });

  it('takes pictures from subfolders of a class folder and skips files that are not pictures by name', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'train/a/more/x.JPG': pictureBytes('#fff', 8, 'jpeg'), 'train/a/.DS_Store': 'junk', 'train/notes.txt': 'hi', 'test/b/readme.md': '#' });
    const listing = await listImageFolder(dir);
    expect(listing.pictures.train.map((p) => p.path)).toEqual(['train/a/000.png', 'train/a/more/x.JPG', 'train/b/000.png']);
    expect(listing.skipped).toEqual(['test/b/readme.md', 'train/a/.DS_Store', 'train/notes.txt']);
  });

  it('takes no class from a hidden folder such as .ipynb_checkpoints, and skips its files', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'train/.ipynb_checkpoints/x.png': pictureBytes('#fff') });
    const listing = await listImageFolder(dir);
    expect(listing.classes).toEqual(['a', 'b']);
    expect(listing.skipped).toEqual(['train/.ipynb_checkpoints/x.png']);
  });

  it('names the missing test/ folder', async () => {
    const dir = await writeFolder({ 'train/a/1.png': pictureBytes('#fff') });
    await expect(listImageFolder(dir)).rejects.toThrowError(`${dir}: has no test/ folder`);
  });

  it('names both when train/ and test/ are missing', async () => {
    const dir = await writeFolder({ 'x.txt': 'x' });
    await expect(listImageFolder(dir)).rejects.toThrowError(/has no train\/ or test\/ folder.*Add train\/ and test\//);
  });

  it('refuses a class in test/ that train/ lacks, naming it', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'test/c/1.png': pictureBytes('#fff') });
    await expect(listImageFolder(dir)).rejects.toThrowError(`${path.join(dir, 'test')}: has class folder c that train/ lacks`);
  });

  it('refuses a class in train/ that test/ lacks', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'train/c/1.png': pictureBytes('#fff') });
    await expect(listImageFolder(dir)).rejects.toThrowError(/train: has class folder c that test\/ lacks/);
  });

  it('refuses an empty class folder, naming it', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'train/c/notes.txt': 'x', 'test/c/1.png': pictureBytes('#fff') });
    const error = await listImageFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).where).toBe(path.join(dir, 'train', 'c'));
    expect((error as Error).message).toMatch(/holds no PNG, JPEG or WebP pictures/);
  });

  it('names a symbolic link that leads back to a folder it is inside', async () => {
    const dir = await writeFolder(pictures(['a', 'b'], 1));
    await symlink(path.join(dir, 'train', 'a'), path.join(dir, 'train', 'a', 'loop'));
    await expect(listImageFolder(dir)).rejects.toThrowError(`${path.join(dir, 'train', 'a', 'loop')}: is a symbolic link loop`);
  });

  it('names a symbolic link to itself', async () => {
    const dir = await writeFolder(pictures(['a', 'b'], 1));
    await symlink(path.join(dir, 'train', 'a', 'self.png'), path.join(dir, 'train', 'a', 'self.png'));
    await expect(listImageFolder(dir)).rejects.toThrowError(`${path.join(dir, 'train', 'a', 'self.png')}: is a symbolic link loop`);
  });

  it('follows a symbolic link to pictures elsewhere', async () => {
    const dir = await writeFolder(pictures(['a', 'b'], 1));
    const elsewhere = await writeFolder({ 'p.png': pictureBytes('#fff') });
    await symlink(elsewhere, path.join(dir, 'train', 'b', 'linked'));
    expect((await listImageFolder(dir)).pictures.train.map((p) => p.path)).toContain('train/b/linked/p.png');
  });

  it('hashes the listing: the same files give the same hash; a changed time or an added file change it, class names do not', async () => {
    const dir = await writeFolder(pictures(['a', 'b'], 1));
    const first = (await listImageFolder(dir)).sha256;
    expect((await listImageFolder(dir)).sha256).toBe(first);
    await utimes(path.join(dir, 'train/a/000.png'), new Date(2020, 1, 1), new Date(2020, 1, 1));
    const touched = (await listImageFolder(dir)).sha256;
    expect(touched).not.toBe(first);
    await writeFile(path.join(dir, 'test/a/new.png'), pictureBytes('#fff'));
    const added = (await listImageFolder(dir)).sha256;
    expect(added).not.toBe(touched);
    await writeFile(path.join(dir, 'classes.json'), '{"en":["x","y"]}');
    expect((await listImageFolder(dir)).sha256).toBe(added);
  });
});
