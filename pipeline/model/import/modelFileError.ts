/**
 * Every refusal of a model file (--model, --architecture): the message names the file, says what was
 * expected and what to do, so the command line can print it as it is.
 */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** A JSON value read from a model file: nothing in it is trusted or executed. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
