import { NavLink } from 'react-router-dom';
import { Link } from '@strapi/design-system';

/** Where staff edit a member's profile: the Content Manager's page of that profile. */
export const profileHref = (profileDocumentId: string) => `/content-manager/collection-types/plugin::mentorship.profile/${profileDocumentId}`;

/** A member shown by name, linking to their profile; never their document id. */
export const PersonLink = ({ id, name }: { id: string | null | undefined; name: string | null | undefined }) => {
  const label = name && name.length > 0 ? name : '—';
  if (!id) return <>{label}</>;
  return (
    <Link tag={NavLink} to={profileHref(id)} data-testid="person-link">
      {label}
    </Link>
  );
};
