// 优秀案例评选 as pure logic, shared by the API and the web app.
export * from './cases';
