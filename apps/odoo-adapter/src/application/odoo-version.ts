import { Injectable } from '@nestjs/common';
import { odooProfile, type OdooProfile } from '../domain/erp-writes/odoo-profile';
import { OdooClient } from '../odoo/odoo-client';

/** The connected Odoo's version profile, asked once (again after a failure). */
@Injectable()
export class OdooVersion {
  private profile: Promise<OdooProfile> | undefined;

  constructor(private readonly odoo: OdooClient) {}

  get(): Promise<OdooProfile> {
    this.profile ??= this.odoo.version().then(
      (version) => odooProfile(version.major),
      (error: unknown) => {
        this.profile = undefined;
        throw error;
      },
    );
    return this.profile;
  }
}
