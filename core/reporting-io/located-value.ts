// A value read from a file, with the place it came from so every error can point at it.
import type { Place } from './problems';

export interface ImportedValue {
  elementCode: string;
  unitCode: string;
  period: string;
  value: number;
  comment?: string;
}

export interface LocatedValue extends ImportedValue {
  place: Place;
}
