import { createExceptionTables, dropExceptionTables } from '@backbone/exceptions';
import type { Knex } from 'knex';

/** The business exception queue (libs/exceptions): failed gates, refused shipments, ERP sync failures. */
export const up = (knex: Knex) => createExceptionTables(knex);
export const down = (knex: Knex) => dropExceptionTables(knex);
