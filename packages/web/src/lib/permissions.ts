import type { Event, User } from '@hifazat/contract';

/**
 * What the interface offers to each role. The server decides; these only hide controls that would fail.
 * admin and programme_manager: everything (users: admin only); trainer: data entry and own events;
 * viewer: read only.
 */
export const can = {
  createEvent: (user: User | null) => !!user && user.role !== 'viewer',
  editEvent: (user: User | null, event: Pick<Event, 'trainerUserIds'>) =>
    !!user &&
    (user.role === 'admin' ||
      user.role === 'programme_manager' ||
      (user.role === 'trainer' && event.trainerUserIds.includes(user.id))),
  deleteEvent: (user: User | null, event: Pick<Event, 'trainerUserIds'>) => can.editEvent(user, event),
  editPeople: (user: User | null) => !!user && user.role !== 'viewer',
  mergePeople: (user: User | null) => !!user && (user.role === 'admin' || user.role === 'programme_manager'),
  deletePeople: (user: User | null) => !!user && (user.role === 'admin' || user.role === 'programme_manager'),
  editOrganizations: (user: User | null) => !!user && user.role !== 'viewer',
  deleteOrganizations: (user: User | null) =>
    !!user && (user.role === 'admin' || user.role === 'programme_manager'),
  editProgrammes: (user: User | null) => !!user && (user.role === 'admin' || user.role === 'programme_manager'),
  manageUsers: (user: User | null) => !!user && user.role === 'admin',
  manageSystem: (user: User | null) => !!user && user.role === 'admin',
  exportReports: (user: User | null) => !!user,
};
