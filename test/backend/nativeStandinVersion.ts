/** The version the native-binding stand-in reports (nativeStandin.ts), kept apart so tests can import it without registering the stand-in. */
export const STANDIN_VERSION = '0.0.0-standin';
