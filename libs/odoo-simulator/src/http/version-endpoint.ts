/* GET /json/version and /web/version: what the server is, without authentication. */
import { ServerResponse } from 'node:http';
import { OdooVersion } from '../orm/model-definition';
import { serverVersion, serverVersionInfo } from '../version-profile';
import { sendJson } from './responses';

export function sendVersion(res: ServerResponse, version: OdooVersion): void {
  sendJson(res, 200, { version_info: serverVersionInfo(version), version: serverVersion(version) });
}
