import type { Event, PersonParticipation, User } from '@hifazat/contract';

const manager = (user: User | null) => !!user && (user.role === 'admin' || user.role === 'programme_manager');

/**
 * What the interface offers to each role. The server decides; these only hide controls that would fail.
 * admin and programme_manager: everything (users: admin only); trainer: adds people and
 * organisations, changes the events they train (deletes none) and the people on them; viewer: read only.
 */
export const can = {
  createEvent: (user: User | null) => !!user && user.role !== 'viewer',
  editEvent: (user: User | null, event: Pick<Event, 'trainerUserIds'>) =>
    !!user &&
    (user.role === 'admin' ||
      user.role === 'programme_manager' ||
      (user.role === 'trainer' && event.trainerUserIds.includes(user.id))),
  deleteEvent: (user: User | null) => manager(user),
  createPeople: (user: User | null) => !!user && user.role !== 'viewer',
  /** A trainer changes only people of their own events: on events they train and no others (`youTrain`). */
  editPerson: (user: User | null, participations: Array<Pick<PersonParticipation, 'youTrain'>> | undefined) =>
    manager(user) || (!!user && user.role === 'trainer' && (participations ?? []).length > 0 && (participations ?? []).every((p) => p.youTrain)),
  mergePeople: (user: User | null) => !!user && (user.role === 'admin' || user.role === 'programme_manager'),
  deletePeople: (user: User | null) => !!user && (user.role === 'admin' || user.role === 'programme_manager'),
  createOrganizations: (user: User | null) => !!user && user.role !== 'viewer',
  editOrganizations: (user: User | null) => manager(user),
  deleteOrganizations: (user: User | null) =>
    !!user && (user.role === 'admin' || user.role === 'programme_manager'),
  editProgrammes: (user: User | null) => !!user && (user.role === 'admin' || user.role === 'programme_manager'),
  manageUsers: (user: User | null) => !!user && user.role === 'admin',
  /** Backups hold every country's records: the System page is for administrators of every country. */
  manageSystem: (user: User | null) => !!user && user.role === 'admin' && user.countries === null,
  exportReports: (user: User | null) => !!user,
};
