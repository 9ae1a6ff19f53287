// Read by test/optional-undefined.test.ts to show that its check tells the two kinds apart.
type MaybeNumber = number | undefined;
export interface Probe {
  strict?: string;
  loose?: string | undefined;
  aliased?: MaybeNumber;
  callback?: (value: string) => void;
  looseCallback?: ((value: string) => void) | undefined;
  unknownValue?: unknown;
  method?(value: string): void;
  required: string;
  literal: { nested?: number; fine?: number | undefined };
}
