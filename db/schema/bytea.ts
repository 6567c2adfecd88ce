import { customType } from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // Both drivers hand back a Buffer; a plain Uint8Array view keeps callers driver-neutral.
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});
