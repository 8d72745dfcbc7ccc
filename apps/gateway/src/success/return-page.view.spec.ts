import { renderReturnPage } from './return-page.view';

const orderId = '7f1d2c9e-9a1b-4c1e-8e5f-0a1b2c3d4e5f';

describe('the return page', () => {
  it('tells a customer with a pending order that the payment is being confirmed, and reloads itself', () => {
    const page = renderReturnPage({ orderId, status: 'pending', statusCheckRequested: true });
    expect(page).toContain('We are confirming your payment');
    expect(page).toContain('<meta http-equiv="refresh" content="5">');
    expect(page).toContain('data-status="pending"');
  });

  it('thanks a customer whose order is paid, without reloading', () => {
    const page = renderReturnPage({ orderId, status: 'paid', statusCheckRequested: false });
    expect(page).toContain('Payment received, thank you');
    expect(page).not.toContain('refresh');
  });

  it('escapes whatever it shows', () => {
    const page = renderReturnPage({ orderId: '<script>x</script>', status: '"><img>', statusCheckRequested: false });
    expect(page).not.toMatch(/<script>|<img>/);
    expect(page).toContain('&#60;script&#62;');
  });
});
