import { useQuery } from '@tanstack/react-query';
import { fetchMyVolunteer, MY_VOLUNTEER_KEY } from './api.ts';

/** The signed-in user's volunteer record (null when the account has none). */
export function useMyVolunteer() {
  return useQuery({
    queryKey: MY_VOLUNTEER_KEY,
    queryFn: ({ signal }) => fetchMyVolunteer(signal),
  });
}
