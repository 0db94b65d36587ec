import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from './uids';

/**
 * The member-side services staff actions go through (mentorships with their capacity checks,
 * notifications with their outbox and dedupe keys, the clock). Staff code never writes those
 * records itself, so every rule members are held to also holds for staff.
 */
export interface MentorshipsApi {
  create(
    input: {
      programDocumentId: string;
      mentorProfileDocumentId: string;
      menteeProfileDocumentId: string;
      source: 'matching-run' | 'staff' | 'request';
      sourceRef?: string;
      createdBy?: string;
    },
    options?: { trx?: unknown },
  ): Promise<{ documentId: string }>;
  end(documentId: string, input: { reason: string; by: string }): Promise<unknown>;
}

export interface NotificationsApi {
  send(input: {
    key: string;
    to: { email: string; name: string };
    programDocumentId: string;
    variables: Record<string, unknown>;
    dedupeKey: string;
  }): Promise<unknown>;
}

export interface ClockApi {
  now(): Date;
}

const lookup = <T>(strapi: Core.Strapi, name: string): T => {
  const service = strapi.plugin(PLUGIN_ID).service(name) as T | undefined;
  if (!service) throw new errors.ApplicationError(`The ${name} service is not available`);
  return service;
};

export const mentorshipsApi = (strapi: Core.Strapi) => lookup<MentorshipsApi>(strapi, 'mentorships');
export const notificationsApi = (strapi: Core.Strapi) => lookup<NotificationsApi>(strapi, 'notifications');
export const now = (strapi: Core.Strapi): Date => {
  const clock = strapi.plugin(PLUGIN_ID).service('clock') as ClockApi | undefined;
  return clock ? clock.now() : new Date();
};
