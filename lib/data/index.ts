export { dataIter, type DataIterOptions } from './data_iter';
export { TensorDataset, Subset, DataLoader, randomSplit, type Dataset, type DataLoaderOptions } from './dataset';
export { readCsv, type CsvTable } from './csv';
