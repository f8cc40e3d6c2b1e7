"""From a frame to a face template: landmarks, alignment, embedding, quality, the pipeline, image loading."""
