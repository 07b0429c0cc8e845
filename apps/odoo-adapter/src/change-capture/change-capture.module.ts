import { Module } from '@nestjs/common';
import { ChangeCapture } from './change-capture';
import { ChangeCaptureScheduler } from './change-capture.scheduler';

/** Change capture from Odoo to erp.masterdata.v1 (uses the global OdooClient, Outbox and database). */
@Module({ providers: [ChangeCapture, ChangeCaptureScheduler] })
export class ChangeCaptureModule {}
