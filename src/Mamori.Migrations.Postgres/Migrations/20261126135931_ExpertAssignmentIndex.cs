using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ExpertAssignmentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_ExpertId",
                table: "EngagementExperts");

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementId",
                table: "EngagementExperts",
                columns: new[] { "ExpertId", "EngagementId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementId",
                table: "EngagementExperts");

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_ExpertId",
                table: "EngagementExperts",
                column: "ExpertId");
        }
    }
}
