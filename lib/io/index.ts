export { save, load, loadWithMetadata, serialize, deserialize } from './safetensors';
export { readNpy, writeNpy, npyBytes, parseNpy } from './npy';
