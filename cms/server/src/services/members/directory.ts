import type { Core } from '@strapi/strapi';
import { publicAnswers, type Answers } from '../../../../shared/profile-fields';
import type { Availability, ProfileStatus, Role } from '../../../../shared/vocabulary';
import { profileFieldsOf } from '../content/programs';
import { UID } from '../../utils/uids';
import { searchTextOf } from './directory-search';

export interface ProfileRecord {
  id: number;
  documentId: string;
  role: Role;
  displayName: string;
  answers?: Answers | null;
  profileStatus: ProfileStatus;
  availability: Availability;
  awayUntil?: string | null;
  capacity?: number | null;
  bio?: string | null;
  careerPath?: string | null;
  reconfirmedAt?: string | null;
  program?: { id: number; documentId: string } | null;
  user?: { id: number; documentId: string } | null;
}

interface ListingRecord {
  documentId: string;
  listedAt?: string | null;
  reconfirmBy?: string | null;
}

const addYears = (date: Date, years: number) => {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next.toISOString().slice(0, 10);
};

const directory = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Brings a mentor profile's listing in step with the profile: created when the profile is listed,
   * updated on every change, marked unlisted (keeping the editor's hidden/featured flags) otherwise.
   */
  async syncListing(profileDocumentId: string, now: Date = new Date()): Promise<void> {
    const profile = (await strapi.documents(UID.profile).findOne({
      documentId: profileDocumentId,
      populate: ['program', 'user'],
    })) as unknown as ProfileRecord | null;
    const existing = (await strapi.documents(UID.listing).findFirst({
      filters: { profile: { documentId: profileDocumentId } },
    })) as unknown as ListingRecord | null;

    if (!profile || profile.role !== 'mentor' || !profile.program) {
      if (existing) await strapi.documents(UID.listing).update({ documentId: existing.documentId, data: { listed: false } } as never);
      return;
    }
    const profileType = (await strapi.documents(UID.profileType).findFirst({
      filters: { program: { documentId: profile.program.documentId }, role: 'mentor' },
    })) as unknown as { fields: unknown } | null;
    const fields = profileFieldsOf(profileType?.fields);
    const shown = publicAnswers(fields, profile.answers ?? {});
    const listed = profile.profileStatus === 'listed';
    const listedAt = existing?.listedAt ?? (listed ? now.toISOString() : null);
    const reconfirmBase = profile.reconfirmedAt ? new Date(profile.reconfirmedAt) : listedAt ? new Date(listedAt) : null;

    const data = {
      profile: profile.documentId,
      program: profile.program.documentId,
      displayName: profile.displayName,
      careerPath: profile.careerPath ?? null,
      bio: profile.bio ?? null,
      publicAnswers: shown,
      searchText: searchTextOf(profile, fields, shown),
      availability: profile.availability,
      awayUntil: profile.availability === 'away' ? (profile.awayUntil ?? null) : null,
      capacity: profile.capacity ?? 1,
      listed,
      listedAt,
      reconfirmBy: reconfirmBase ? addYears(reconfirmBase, 1) : null,
    };
    if (existing) {
      await strapi.documents(UID.listing).update({ documentId: existing.documentId, data } as never);
    } else if (listed) {
      await strapi.documents(UID.listing).create({ data } as never);
    }
  },

  /** Re-syncs every mentor listing of a program (after its mentor profile type changes). */
  async syncProgram(programDocumentId: string): Promise<number> {
    const profiles = (await strapi.documents(UID.profile).findMany({
      filters: { program: { documentId: programDocumentId }, role: 'mentor' },
      fields: ['documentId'],
      limit: 100000,
    })) as unknown as { documentId: string }[];
    for (const profile of profiles) await this.syncListing(profile.documentId);
    return profiles.length;
  },

  async removeListingOf(profileDocumentId: string): Promise<void> {
    const existing = (await strapi.documents(UID.listing).findFirst({
      filters: { profile: { documentId: profileDocumentId } },
    })) as unknown as ListingRecord | null;
    if (existing) await strapi.documents(UID.listing).delete({ documentId: existing.documentId });
  },
});

export type DirectoryService = ReturnType<typeof directory>;
export default directory;
