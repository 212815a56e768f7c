// Test helper: a WriteArtifact that keeps files in memory, so stage tests need no disk.
import type { ArtifactFile } from '../../pipeline/artifacts/types';
import type { WriteArtifact } from '../../pipeline/visualize/writeArtifact';

export function recordingWriter(): { write: WriteArtifact; files: Map<string, { bytes: Uint8Array | string; entry: ArtifactFile }> } {
  const files = new Map<string, { bytes: Uint8Array | string; entry: ArtifactFile }>();
  const write: WriteArtifact = async (path, bytes, kind, meta) => {
    const entry: ArtifactFile = { path, kind, bytes: bytes.length, sha256: '-', ...(meta ? { meta } : {}) };
    files.set(path, { bytes, entry });
    return entry;
  };
  return { write, files };
}
