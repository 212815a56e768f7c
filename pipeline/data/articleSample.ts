// The test digit the article follows through the network. It lives outside the drawing stages because
// training records its feature maps too (the timelapse), so changing it must retrain.
export const ARTICLE_SAMPLE = 51; // the tutorial's test digit, a 3
