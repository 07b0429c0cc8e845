/* How a server of each major version introduces itself (common.version, /json/version). */
import { OdooVersion } from './orm/model-definition';

export function serverVersionInfo(version: OdooVersion): [number, number, number, string, number, string] {
  return [version, 0, 0, 'final', 0, ''];
}

export function serverVersion(version: OdooVersion): string {
  return `${version}.0`;
}

/** JSON-2 (/json/2/<model>/<method>) exists from saas-18.4, i.e. in 19.0 among majors. */
export function hasJson2(version: OdooVersion): boolean {
  return version >= 19;
}
