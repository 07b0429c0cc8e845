import { z } from 'zod';

/** A whole-number setting within [min, max], read from its environment string. */
export function intSetting(min: number, max: number) {
  return z.coerce.number().int().min(min).max(max);
}
