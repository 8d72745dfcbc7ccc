import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api/http';
import { clearSession, currentSession, isAdminSession } from './api/session';
import { SettlementProvider, StorefrontSettings } from './api/types';
import { Link, navigate, useLocation } from './components/router';
import { OrderDetailPage } from './console/order-detail-page';
import { OrdersPage } from './console/orders-page';
import { OverviewPage } from './console/overview-page';
import { AuditPage, DeadLettersPage, ParkedPage } from './console/messages-pages';
import { DisputeDetailPage, DisputesPage } from './console/disputes-pages';
import { ReconciliationPage, ReconciliationReportPage } from './console/reconciliation-page';
import { ReviewFlagsPage, UnmatchedPage } from './console/review-pages';
import { SubscriptionDetailPage, SubscriptionsPage } from './console/subscriptions-page';
import { isSettlementDay } from './lib/reconciliation';
import { CatalogPage } from './shop/catalog-page';
import { MyAccessPage, MyOrdersPage } from './shop/my-orders-page';
import { MySubscriptionsPage } from './shop/my-subscriptions-page';
import { ReturnPage } from './shop/return-page';
import { SignIn } from './shop/sign-in';
import './styles.css';

const SHOP_LINKS = [['/', 'Catalog'], ['/orders', 'My orders'], ['/subscriptions', 'My subscriptions'], ['/access', 'My access']] as const;
const CONSOLE_LINKS = [
  ['/console', 'Overview'], ['/console/orders', 'Orders'], ['/console/subscriptions', 'Subscriptions'], ['/console/review-flags', 'Review flags'], ['/console/unmatched', 'Unmatched payments'],
  ['/console/disputes', 'Disputes'], ['/console/reconciliation', 'Reconciliation'],
  ['/console/dead-letters', 'Dead letters'], ['/console/parked', 'Parked messages'], ['/console/audit', 'Audit trail'],
] as const;

function Page(props: { path: string; params: URLSearchParams; settings: StorefrontSettings | null }) {
  const { path, params } = props;
  const order = /^\/console\/orders\/([0-9a-f-]{36})$/i.exec(path);
  const subscription = /^\/console\/subscriptions\/([0-9a-f-]{36})$/i.exec(path);
  const disputes = /^\/console\/disputes\/([0-9a-f-]{36})$/i.exec(path);
  const report = /^\/console\/reconciliation\/(stripe|cashfree)\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (path.startsWith('/console') && !isAdminSession(currentSession())) return <section><h1>Operations console</h1><p>The console needs an admin sign-in.</p></section>;
  if (order) return <OrderDetailPage orderId={order[1]} />;
  if (subscription) return <SubscriptionDetailPage subscriptionId={subscription[1]} />;
  if (disputes) return <DisputeDetailPage orderId={disputes[1].toLowerCase()} />;
  if (report && isSettlementDay(report[2])) return <ReconciliationReportPage provider={report[1] as SettlementProvider} date={report[2]} />;
  switch (path) {
    case '/': return <CatalogPage settings={props.settings} />;
    case '/return': return <ReturnPage orderId={params.get('order_id') ?? ''} />;
    case '/orders': return <MyOrdersPage />;
    case '/subscriptions': return <MySubscriptionsPage />;
    case '/access': return <MyAccessPage />;
    case '/console': return <OverviewPage />;
    case '/console/orders': return <OrdersPage />;
    case '/console/subscriptions': return <SubscriptionsPage />;
    case '/console/review-flags': return <ReviewFlagsPage />;
    case '/console/unmatched': return <UnmatchedPage />;
    case '/console/dead-letters': return <DeadLettersPage />;
    case '/console/parked': return <ParkedPage />;
    case '/console/audit': return <AuditPage />;
    case '/console/disputes': return <DisputesPage />;
    case '/console/reconciliation': return <ReconciliationPage />;
    default: return <section><h1>Not found</h1><p><Link href="/">Back to the catalog</Link></p></section>;
  }
}

function App() {
  const { path, params } = useLocation();
  const [settings, setSettings] = useState<StorefrontSettings | null>(null);
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    api<StorefrontSettings>('/api/storefront/settings').then(setSettings, () => setSettings({ devSignIn: false, providerPagesUrl: null }));
  }, []);
  const links = path.startsWith('/console') ? CONSOLE_LINKS : SHOP_LINKS;
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header>
        <nav aria-label={path.startsWith('/console') ? 'Operations console' : 'Storefront'}>
          <strong class="brand">{path.startsWith('/console') ? 'Operations console' : 'Course shop'}</strong>
          <ul>{links.map(([href, label]) => <li key={href}><Link href={href} current={href === path}>{label}</Link></li>)}</ul>
          {isAdminSession(session) && (path.startsWith('/console') ? <Link href="/">Storefront</Link> : <Link href="/console">Operations console</Link>)}
        </nav>
        {session && (
          <p class="who">
            Signed in as <strong data-user-id={session.userId}>{session.userId}</strong>{isAdminSession(session) ? ' (admin)' : ''}{' '}
            <button type="button" onClick={() => { clearSession(); setSession(null); navigate('/'); }}>Sign out</button>
          </p>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {session ? <Page path={path} params={params} settings={settings} /> : <SignIn settings={settings} onSignedIn={() => setSession(currentSession())} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('root') as HTMLElement);
