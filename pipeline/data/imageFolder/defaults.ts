/** The side image-folder pictures are fitted to when neither --image-size nor a model's input gives one: MNIST's. */
export const DEFAULT_IMAGE_SIZE = 28;
