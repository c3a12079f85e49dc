import { Result } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Link, Navigate, useLocation } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { AppLayout } from './AppLayout';
import { type Me, useAuth } from './auth';
import { importsAny } from './nav';
import { PageLoading } from './PageLoading';

const HomePage = lazy(() => import('../features/home/HomePage'));
const TodoPage = lazy(() => import('../features/todo/TodoPage'));
const OrgsPage = lazy(() => import('../features/orgs/OrgsPage'));
const PeoplePage = lazy(() => import('../features/people/PeoplePage'));
const PersonPage = lazy(() => import('../features/people/PersonPage'));
const MembershipPage = lazy(() => import('../features/membership/MembershipPage'));
const ImportsPage = lazy(() => import('../features/imports/ImportsPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const PasswordPage = lazy(() => import('../features/auth/PasswordPage'));
const NotificationSettingsPage = lazy(() => import('../features/notifications/NotificationSettingsPage'));
const OutboxPage = lazy(() => import('../features/notifications/OutboxPage'));
const ReportPage = lazy(() => import('../features/reports/ReportPage'));
const RecordsPage = lazy(() => import('../features/reports/RecordsPage'));
const AdmissionBoardPage = lazy(() => import('../features/admission/AdmissionBoardPage'));
const ApplicantPage = lazy(() => import('../features/admission/ApplicantPage'));
const PartyPage = lazy(() => import('../features/admission/PartyPage'));
const ClassesPage = lazy(() => import('../features/schools/ClassesPage'));
const ClassPage = lazy(() => import('../features/schools/ClassPage'));
const SchoolsPage = lazy(() => import('../features/schools/SchoolsPage'));
const NewsroomPage = lazy(() => import('../features/newsroom/NewsroomPage'));
const NewsArticlePage = lazy(() => import('../features/newsroom/ArticlePage'));
const SiteSettingsPage = lazy(() => import('../features/newsroom/SiteSettingsPage'));
const ServicesPage = lazy(() => import('../features/services/ServicesPage'));
const MyInternshipsPage = lazy(() => import('../features/services/MyInternshipsPage'));
const VolunteeringPage = lazy(() => import('../features/volunteering/VolunteeringPage'));
const VolunteerActivityPage = lazy(() => import('../features/volunteering/ActivityPage'));
const MyVolunteeringPage = lazy(() => import('../features/volunteering/MyVolunteeringPage'));
const VolunteerScanPage = lazy(() => import('../features/volunteering/ScanPage'));
const VolunteerCertificatePage = lazy(() => import('../features/volunteering/CertificatePage'));
const VolunteerRegisterPage = lazy(() => import('../features/volunteering/RegisterPage'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <PageLoading />;
  if (user === null) {
    const from = location.pathname + location.search;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  if (user.mustChangePassword && location.pathname !== '/password')
    return <Navigate to="/password" replace />;
  return children;
}

/** Shows the page only to holders of one of the permissions (and of whom `when` holds, as the menu's entry). */
function Guard({
  anyOf,
  when,
  children,
}: {
  anyOf?: string[];
  when?: (user: Me) => boolean;
  children: ReactNode;
}) {
  const { can, user } = useAuth();
  if ((anyOf && !anyOf.some(can)) || (when && !(user && when(user)))) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="您的角色没有访问此页面的权限，如需开通请联系上级团组织管理员。"
        extra={<Link to="/">返回工作台</Link>}
      />
    );
  }
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

function NotFound() {
  return <Result status="404" title="页面不存在" extra={<Link to="/">返回工作台</Link>} />;
}

export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    {
      path: '/v/register',
      element: (
        <Suspense fallback={<PageLoading />}>
          <VolunteerRegisterPage />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [
        {
          index: true,
          element: (
            <Guard>
              <HomePage />
            </Guard>
          ),
        },
        {
          path: 'todo',
          element: (
            <Guard>
              <TodoPage />
            </Guard>
          ),
        },
        {
          path: 'newsroom',
          element: (
            <Guard anyOf={['portal.edit']}>
              <NewsroomPage />
            </Guard>
          ),
        },
        {
          path: 'newsroom/new',
          element: (
            <Guard anyOf={['portal.edit']}>
              <NewsArticlePage />
            </Guard>
          ),
        },
        {
          path: 'newsroom/articles/:id',
          element: (
            <Guard anyOf={['portal.edit']}>
              <NewsArticlePage key="edit" />
            </Guard>
          ),
        },
        {
          path: 'newsroom/settings',
          element: (
            <Guard anyOf={['portal.settings']}>
              <SiteSettingsPage />
            </Guard>
          ),
        },
        {
          path: 'reports',
          element: (
            <Guard anyOf={['org.read']}>
              <ReportPage />
            </Guard>
          ),
        },
        {
          path: 'reports/records',
          element: (
            <Guard anyOf={['org.read']}>
              <RecordsPage />
            </Guard>
          ),
        },
        {
          path: 'orgs',
          element: (
            <Guard anyOf={['org.read', 'org.write']}>
              <OrgsPage />
            </Guard>
          ),
        },
        {
          path: 'people',
          element: (
            <Guard anyOf={['person.read', 'person.write', 'volunteer.people']}>
              <PeoplePage />
            </Guard>
          ),
        },
        {
          path: 'people/:id',
          element: (
            <Guard anyOf={['person.read', 'person.write', 'volunteer.people']}>
              <PersonPage />
            </Guard>
          ),
        },
        {
          path: 'membership',
          element: (
            <Guard anyOf={['person.read']}>
              <MembershipPage />
            </Guard>
          ),
        },
        {
          path: 'imports',
          element: (
            <Guard anyOf={['import.run']} when={importsAny}>
              <ImportsPage />
            </Guard>
          ),
        },
        {
          path: 'audit',
          element: (
            <Guard anyOf={['audit.read']}>
              <AuditPage />
            </Guard>
          ),
        },
        { path: 'password', element: <PasswordPage /> },
        {
          path: 'notifications/settings',
          element: (
            <Guard>
              <NotificationSettingsPage />
            </Guard>
          ),
        },
        {
          path: 'notifications/outbox',
          element: (
            <Guard anyOf={['user.manage']}>
              <OutboxPage />
            </Guard>
          ),
        },
        {
          path: 'users',
          element: (
            <Guard anyOf={['user.manage']}>
              <UsersPage />
            </Guard>
          ),
        },
        {
          path: 'services',
          element: (
            <Guard anyOf={['service.read', 'aid.read', 'counselling.read']}>
              <ServicesPage />
            </Guard>
          ),
        },
        {
          path: 'my-internships',
          element: (
            <Guard anyOf={['internship.apply']}>
              <MyInternshipsPage />
            </Guard>
          ),
        },
        {
          path: 'admission',
          element: (
            <Guard anyOf={['person.read']}>
              <AdmissionBoardPage />
            </Guard>
          ),
        },
        {
          path: 'admission/:id',
          element: (
            <Guard anyOf={['person.read']}>
              <ApplicantPage />
            </Guard>
          ),
        },
        {
          path: 'party',
          element: (
            <Guard anyOf={['person.read']}>
              <PartyPage />
            </Guard>
          ),
        },
        {
          path: 'classes',
          element: (
            <Guard anyOf={['school.read']}>
              <ClassesPage />
            </Guard>
          ),
        },
        {
          path: 'classes/:code',
          element: (
            <Guard anyOf={['school.read']}>
              <ClassPage />
            </Guard>
          ),
        },
        {
          path: 'schools',
          element: (
            <Guard anyOf={['school.read']}>
              <SchoolsPage />
            </Guard>
          ),
        },
        {
          path: 'volunteering',
          element: (
            <Guard anyOf={['volunteer.read']}>
              <VolunteeringPage />
            </Guard>
          ),
        },
        {
          path: 'volunteering/activities/:id',
          element: (
            <Guard anyOf={['volunteer.read']}>
              <VolunteerActivityPage />
            </Guard>
          ),
        },
        {
          path: 'volunteering/certificates/:number',
          element: (
            <Guard anyOf={['volunteer.read', 'volunteer.self']}>
              <VolunteerCertificatePage />
            </Guard>
          ),
        },
        {
          path: 'my-volunteering',
          element: (
            <Guard anyOf={['volunteer.self']}>
              <MyVolunteeringPage />
            </Guard>
          ),
        },
        {
          path: 'v/scan',
          element: (
            <Guard anyOf={['volunteer.self']}>
              <VolunteerScanPage />
            </Guard>
          ),
        },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/admin' },
);
