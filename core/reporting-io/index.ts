// Reading and writing reported values in files: the Excel template, CSV, DHIS2 dataValueSets.
export * from './cell-values';
export * from './csv-format';
export * from './dhis2';
export * from './issues';
export * from './located-value';
export * from './period-codes';
export * from './problems';
export * from './xlsx-layout';
export * from './xlsx-read';
export * from './xlsx-template';
export * from './zip-guard';
