/// <reference types="astro/client" />

interface ImportMetaEnv {
  /** Absolute artifacts folder, set by astro.config.mjs from ARTIFACTS_DIR. */
  readonly CNN_ARTIFACTS_DIR: string;
}
