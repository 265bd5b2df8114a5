export { dataIter, type DataIterOptions } from './data_iter';
